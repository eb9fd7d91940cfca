namespace CloudAuditor.Core.Model;

public enum AclGranteeGroup { AllUsers, AuthenticatedUsers, LogDelivery, Other }
