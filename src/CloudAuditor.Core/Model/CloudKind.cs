namespace CloudAuditor.Core.Model;

public enum CloudKind { Azure, Aws, Local }
