using System.Net;
using CloudAuditor.AwsProvider;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;

namespace CloudAuditor.UnitTests.Providers;

/// <summary>A refused listing is followed by one-byte reads of the sampled objects, sent together and judged in the sample's order.</summary>
public class AnonymousS3ProbeTests
{
    private static readonly string[] Keys = ["k1.txt", "k2.txt", "k3.txt", "k4.txt", "k5.txt", "k6.txt"];

    /// <summary>Refuses the listing; answers no object read until all five are in flight (so reads sent one after another never get an answer).</summary>
    private sealed class AllAtOnceHandler(params string[] publicKeys) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _allInFlight = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public List<string> Paths { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            lock (Paths) Paths.Add(path);
            if (request.RequestUri.Query.Contains("list-type", StringComparison.Ordinal)) return new HttpResponseMessage(HttpStatusCode.Forbidden);
            if (Interlocked.Increment(ref _reads) == AnonymousS3Probe.ObjectsTried) _allInFlight.SetResult();
            if (await Task.WhenAny(_allInFlight.Task, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)) != _allInFlight.Task)
                return new HttpResponseMessage(HttpStatusCode.InternalServerError);
            return new HttpResponseMessage(publicKeys.Any(k => path.EndsWith("/" + k, StringComparison.Ordinal)) ? HttpStatusCode.PartialContent
                : HttpStatusCode.Forbidden);
        }
    }

    private static Task<AnonymousProbe> ProbeAsync(HttpMessageHandler handler, Task<IReadOnlyList<string>>? keys = null, string bucket = "media") =>
        new AnonymousS3Probe(new HttpClient(handler), new AwsTarget { Name = "prod", Region = "eu-west-1" }, maxRetries: 0)
            .ProbeAsync(bucket, "eu-west-1", keys ?? Task.FromResult<IReadOnlyList<string>>(Keys), CancellationToken.None);

    [Fact]
    public async Task The_first_readable_object_in_sample_order_proves_the_exposure_whichever_answer_came_first()
    {
        var probe = await ProbeAsync(new AllAtOnceHandler("k4.txt", "k2.txt"));
        Assert.Equal(ProbeOutcome.Allowed, probe.Outcome);
        Assert.Equal("GET https://media.s3.eu-west-1.amazonaws.com/k2.txt (Range: bytes=0-0)", probe.Request);
        Assert.Contains("object 2 of 5 sampled returned 206", probe.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_refused_reads_deny_and_the_sixth_key_is_not_tried()
    {
        var handler = new AllAtOnceHandler();
        var probe = await ProbeAsync(handler);
        Assert.Equal(ProbeOutcome.Denied, probe.Outcome);
        Assert.Equal("anonymous ListObjectsV2 (403) and GetObject of 5 sampled object(s) were refused", probe.Summary);
        Assert.DoesNotContain(handler.Paths, p => p.EndsWith("/k6.txt", StringComparison.Ordinal));
        Assert.Equal(6, handler.Paths.Count);
    }

    [Fact]
    public async Task The_listing_goes_out_before_the_keys_to_read_are_known()
    {
        var handler = new AllAtOnceHandler();
        var keys = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probing = ProbeAsync(handler, keys.Task);

        while (handler.Paths.Count == 0) await Task.Delay(10);
        Assert.False(probing.IsCompleted);
        keys.SetResult(Keys);

        Assert.Equal(ProbeOutcome.Denied, (await probing).Outcome);
        Assert.Equal(6, handler.Paths.Count);
    }

    [Fact]
    public async Task A_bucket_with_dots_in_its_name_is_probed_path_style_and_keys_are_sent_as_named()
    {
        var handler = new AllAtOnceHandler("a/../b");
        var probe = await ProbeAsync(handler, Task.FromResult<IReadOnlyList<string>>(["x", "a/../b", "y", "z", "w"]), bucket: "my.site");

        Assert.Equal(ProbeOutcome.Allowed, probe.Outcome);
        Assert.Equal("GET https://s3.eu-west-1.amazonaws.com/my.site/a/../b (Range: bytes=0-0)", probe.Request);
    }
}
