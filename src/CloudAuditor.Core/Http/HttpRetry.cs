using System.Net;

namespace CloudAuditor.Core.Http;

/// <summary>
/// Retries for the requests the auditor sends with a plain <see cref="HttpClient"/> (anonymous probes, webhooks); the
/// cloud SDKs bring their own. Sends again while no answer came or the answer is 408, 429 or 5xx (not 501), with
/// exponential backoff and jitter, honouring the wait the service asks for (<see cref="RetryAfter"/>, capped). Returns the last answer: what a
/// refusal means is the caller's to say.
/// </summary>
public static class HttpRetry
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <param name="request">Builds the request afresh for each attempt (a request message can be sent once).</param>
    /// <exception cref="HttpRequestException">No answer after the last attempt.</exception>
    /// <exception cref="OperationCanceledException">The last attempt timed out, or the caller cancelled.</exception>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> request, int maxRetries,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var message = request();
                response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (Exception e) when (attempt < maxRetries && (e is HttpRequestException || e is OperationCanceledException
                && !cancellationToken.IsCancellationRequested))
            {
                await Task.Delay(Backoff(attempt, null), cancellationToken);
                continue;
            }
            if (attempt >= maxRetries || !IsRetryable(response.StatusCode)) return response;
            var wait = Backoff(attempt, RetryAfter.From(response, DateTimeOffset.UtcNow));
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }

    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500 && status != HttpStatusCode.NotImplemented;

    private static TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked) return asked > MaxWait ? MaxWait : asked;
        var exponential = TimeSpan.FromMilliseconds(Math.Min(8000, 250 * Math.Pow(2, attempt)));
#pragma warning disable CA5394 // Jitter spreads retries of concurrent requests; it needs no cryptographic randomness.
        return exponential * (0.75 + Random.Shared.NextDouble() / 2);
#pragma warning restore CA5394
    }
}
