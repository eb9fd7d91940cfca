namespace CloudAuditor.SensitiveData.Extraction;

public enum ContentFormat { Text, Gzip, Zip, Tar, Pdf }
