namespace CloudAuditor.Core.State;

/// <summary>
/// Which processes send requests to an endpoint at the moment, so each can take its share of the endpoint's rate
/// (<see cref="Http.EndpointShares"/>): every process says so in the state they all use, and renews its word while it keeps sending.
/// </summary>
public interface IShareRegistry
{
    /// <summary>Says that <paramref name="member"/> sends to <paramref name="scope"/> until <paramref name="until"/>.</summary>
    /// <returns>How many members' words have not expired at <paramref name="now"/>, this one's included.</returns>
    Task<int> ShareAsync(string scope, string member, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken);
}
