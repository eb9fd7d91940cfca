namespace CloudAuditor.Core.Policy;

/// <summary>Who a statement or policy lets in, ordered from narrowest to widest.</summary>
public enum PolicyReach
{
    /// <summary>Named principals, fixed networks or fixed sources only.</summary>
    NotPublic,
    /// <summary>Any principal inside an AWS Organizations organisation or path: a zone of trust, not the internet.</summary>
    OrganisationWide,
    /// <summary>Anyone, as AWS defines a public policy.</summary>
    Public,
}
