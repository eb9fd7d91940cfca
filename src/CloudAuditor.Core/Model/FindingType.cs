namespace CloudAuditor.Core.Model;

public enum FindingType { Exposure, Iam, Retention, Encryption, Network, SensitiveData, Error }
