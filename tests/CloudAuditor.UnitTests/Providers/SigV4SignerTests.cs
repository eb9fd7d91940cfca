using System.Net.Http.Headers;
using CloudAuditor.AwsProvider;

namespace CloudAuditor.UnitTests.Providers;

/// <summary>The signer against AWS's own published examples: if it matches these, S3 Control accepts its requests.</summary>
public class SigV4SignerTests
{
    private static readonly string EmptyHash = SigV4Signer.Hash([]);

    [Fact]
    public void Signs_the_S3_documentation_GET_object_example()
    {
        // Amazon S3 API Reference › Signature Calculations for the Authorization Header › Example: GET Object.
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://examplebucket.s3.amazonaws.com/test.txt");
        request.Headers.Range = new RangeHeaderValue(0, 9);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", EmptyHash);
        request.Headers.TryAddWithoutValidation("x-amz-date", "20130524T000000Z");
        SigV4Signer.Sign(request, EmptyHash, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3");
        Assert.Equal("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
            request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void Signs_the_test_suite_get_vanilla_request()
    {
        // AWS General Reference › Signature Version 4 test suite › get-vanilla.
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        request.Headers.TryAddWithoutValidation("x-amz-date", "20150830T123600Z");
        SigV4Signer.Sign(request, EmptyHash, "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service");
        Assert.Equal("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", request.Headers.GetValues("Authorization").Single());
    }
}
