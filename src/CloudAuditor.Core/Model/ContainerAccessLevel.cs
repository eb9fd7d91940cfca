namespace CloudAuditor.Core.Model;

public enum ContainerAccessLevel { None, Blob, Container }
