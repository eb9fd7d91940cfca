namespace CloudAuditor.Core.Model;

/// <summary>A Block Public Access setting as it takes effect: on at bucket or account level, off at both, or not known.</summary>
public enum BlockState { Off, On, Unknown }
