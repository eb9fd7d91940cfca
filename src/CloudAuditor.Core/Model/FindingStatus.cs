namespace CloudAuditor.Core.Model;

public enum FindingStatus { Fail, Pass, Exempt, Remediated, Error }
