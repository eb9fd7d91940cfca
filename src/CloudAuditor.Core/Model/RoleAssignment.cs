namespace CloudAuditor.Core.Model;

/// <summary>A role assignment at the account's or one of its containers' scope; the role is its definition GUID.</summary>
public sealed record RoleAssignment(string RoleDefinitionGuid, string PrincipalId, string PrincipalType, string Scope);
