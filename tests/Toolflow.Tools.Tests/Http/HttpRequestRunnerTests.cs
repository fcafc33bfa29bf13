using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolflow.Tools.Http;

namespace Toolflow.Tools.Tests.Http;

/// <summary>http.request against a real Kestrel peer on 127.0.0.1.</summary>
public sealed class HttpRequestRunnerTests : IAsyncLifetime
{
    private LocalHttpPeer peer = null!;

    public async Task InitializeAsync()
    {
        peer = await LocalHttpPeer.StartAsync(app =>
        {
            app.MapGet("/json", () => Results.Json(new { hello = "world", n = 3 }));
            app.MapGet("/text", () => Results.Text("plain words", "text/plain"));
            app.MapGet("/bytes", () => Results.Bytes([1, 2, 3], "application/octet-stream"));
            app.MapPost("/echo", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                return Results.Json(new
                {
                    method = request.Method,
                    contentType = request.ContentType,
                    body,
                    query = request.QueryString.Value,
                    header = request.Headers["X-Test"].ToString(),
                });
            });
            app.MapMethods("/echo-method", ["GET", "POST", "PUT"], (HttpRequest request) => Results.Text(request.Method));
            app.MapGet("/redirect/{n:int}", (int n) => Results.Redirect(n <= 0 ? "/json" : $"/redirect/{n - 1}"));
            app.MapPost("/see-other", () => Results.Redirect("/echo-method", permanent: false, preserveMethod: false));
            app.MapPost("/temporary", () => Results.Redirect("/echo-method", permanent: false, preserveMethod: true));
            app.MapGet("/to-loopback-2", (HttpContext context) => Results.Redirect($"http://127.0.0.2:{context.Connection.LocalPort}/json"));
            app.MapGet("/status/{code:int}", (int code, HttpResponse response) =>
            {
                if (code == 429)
                {
                    response.Headers.RetryAfter = "7";
                }

                return Results.Text("status body", "text/plain", statusCode: code);
            });
            app.MapGet("/big", async (HttpResponse response) =>
            {
                // Chunked, without Content-Length, so the cap must be enforced while streaming.
                response.ContentType = "text/plain";
                var chunk = new byte[4096];
                for (var i = 0; i < 64; i++)
                {
                    await response.Body.WriteAsync(chunk);
                    await response.Body.FlushAsync();
                }
            });
            app.MapGet("/never", async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        });
    }

    public async Task DisposeAsync() => await peer.DisposeAsync();

    private static HttpToolOptions LoopbackAllowed()
    {
        var options = new HttpToolOptions();
        options.AllowedRanges.Add("127.0.0.1/32");
        return options;
    }

    private static async Task<HttpCallResult> RunAsync(JsonObject config, HttpToolOptions? options = null)
    {
        options ??= LoopbackAllowed();
        using var handler = GuardedHttpHandler.Create(new AddressPolicy(options));
        using var invoker = new HttpMessageInvoker(handler);
        var runner = new HttpRequestRunner(invoker, options);
        return await runner.ExecuteAsync(HttpRequestSpec.From(config, options), CancellationToken.None);
    }

    [Fact]
    public async Task Get_JsonResponse_IsParsed()
    {
        var result = await RunAsync(new JsonObject { ["url"] = peer.Url("/json").ToString() });

        Assert.Equal(200, (int)result.Output["status"]!);
        Assert.Equal("world", (string)result.Output["body"]!["hello"]!);
        Assert.Equal(3, (int)result.Output["body"]!["n"]!);
        Assert.StartsWith("application/json", (string)result.Output["headers"]!["content-type"]!, StringComparison.Ordinal);
        Assert.True(result.BytesReceived > 0);
    }

    [Fact]
    public async Task Get_TextAndBinary_AreTextAndBase64()
    {
        var text = await RunAsync(new JsonObject { ["url"] = peer.Url("/text").ToString() });
        var bytes = await RunAsync(new JsonObject { ["url"] = peer.Url("/bytes").ToString() });

        Assert.Equal("plain words", (string)text.Output["body"]!);
        Assert.Equal(Convert.ToBase64String([1, 2, 3]), (string)bytes.Output["body"]!);
    }

    [Fact]
    public async Task Post_JsonBodyQueryAndHeaders_ReachThePeer()
    {
        var result = await RunAsync(new JsonObject
        {
            ["method"] = "post",
            ["url"] = peer.Url("/echo?a=1").ToString(),
            ["query"] = new JsonObject { ["b"] = "two words", ["c"] = 3 },
            ["headers"] = new JsonObject { ["X-Test"] = "yes" },
            ["body"] = new JsonObject { ["k"] = "v" },
        });

        var echo = result.Output["body"]!;
        Assert.Equal("POST", (string)echo["method"]!);
        Assert.StartsWith("application/json", (string)echo["contentType"]!, StringComparison.Ordinal);
        Assert.Equal("{\"k\":\"v\"}", (string)echo["body"]!);
        Assert.Equal("?a=1&b=two%20words&c=3", (string)echo["query"]!);
        Assert.Equal("yes", (string)echo["header"]!);
        Assert.Equal(9, result.BytesSent);
    }

    [Fact]
    public async Task Post_FormAndTextBodies_AreEncodedAsAsked()
    {
        var form = await RunAsync(new JsonObject
        {
            ["method"] = "POST",
            ["url"] = peer.Url("/echo").ToString(),
            ["bodyType"] = "form",
            ["body"] = new JsonObject { ["name"] = "a b", ["n"] = 2 },
        });
        var text = await RunAsync(new JsonObject { ["method"] = "POST", ["url"] = peer.Url("/echo").ToString(), ["body"] = "hello" });

        Assert.Equal("application/x-www-form-urlencoded", (string)form.Output["body"]!["contentType"]!);
        Assert.Equal("name=a+b&n=2", (string)form.Output["body"]!["body"]!);
        Assert.StartsWith("text/plain", (string)text.Output["body"]!["contentType"]!, StringComparison.Ordinal);
        Assert.Equal("hello", (string)text.Output["body"]!["body"]!);
    }

    [Fact]
    public async Task Redirects_AreFollowedUpToTheLimit()
    {
        var ok = await RunAsync(new JsonObject { ["url"] = peer.Url("/redirect/3").ToString() });
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["url"] = peer.Url("/redirect/9").ToString() }));

        Assert.Equal("world", (string)ok.Output["body"]!["hello"]!);
        Assert.Equal("too_many_redirects", failure.Code);
        Assert.False(failure.Retryable);
    }

    [Fact]
    public async Task Redirects_SeeOtherBecomesGet_TemporaryKeepsMethod()
    {
        var seeOther = await RunAsync(new JsonObject { ["method"] = "POST", ["url"] = peer.Url("/see-other").ToString(), ["body"] = "x" });
        var temporary = await RunAsync(new JsonObject { ["method"] = "POST", ["url"] = peer.Url("/temporary").ToString(), ["body"] = "x" });

        Assert.Equal("GET", (string)seeOther.Output["body"]!);
        Assert.Equal("POST", (string)temporary.Output["body"]!);
    }

    [Fact]
    public async Task Redirect_ToARefusedAddress_IsRefusedOnThatHop()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["url"] = peer.Url("/to-loopback-2").ToString() }));

        Assert.Equal("ssrf_refused", failure.Code);
        Assert.Contains("127.0.0.2", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, peer.RequestCount);
    }

    [Fact]
    public async Task DefaultPolicy_RefusesLoopbackBeforeConnecting()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["url"] = peer.Url("/json").ToString() }, new HttpToolOptions()));
        var byName = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(
            new JsonObject { ["url"] = $"http://localhost:{peer.BaseAddress.Port}/json" }, new HttpToolOptions()));

        Assert.Equal("ssrf_refused", failure.Code);
        Assert.Equal("ssrf_refused", byName.Code);
        Assert.False(failure.Retryable);
        Assert.Equal(0, peer.RequestCount);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/json")]
    [InlineData("http://[::1]:{port}/json")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/json")]
    [InlineData("http://2130706433:{port}/json")]
    [InlineData("http://0177.0.0.1:{port}/json")]
    [InlineData("http://0x7f.0.0.1:{port}/json")]
    [InlineData("http://127.1:{port}/json")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://100.100.100.200/")]
    public async Task DefaultPolicy_RefusesEveryFormOfAnInternalAddress(string url)
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(
            new JsonObject { ["url"] = url.Replace("{port}", peer.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), ["timeoutMs"] = 5000 },
            new HttpToolOptions()));

        Assert.Equal("ssrf_refused", failure.Code);
        Assert.Equal(0, peer.RequestCount);
    }

    [Fact]
    public async Task Response_OverTheCap_FailsWithoutBufferingIt()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject
        {
            ["url"] = peer.Url("/big").ToString(),
            ["maxResponseBytes"] = 10_000,
        }));

        Assert.Equal("response_too_large", failure.Code);
    }

    [Fact]
    public async Task SlowPeer_TimesOutAsRetryable()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject
        {
            ["url"] = peer.Url("/never").ToString(),
            ["timeoutMs"] = 200,
        }));

        Assert.Equal("timeout", failure.Code);
        Assert.True(failure.Retryable);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(404, false)]
    [InlineData(400, false)]
    public async Task ErrorStatus_FailsTypedByRetryability(int status, bool retryable)
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["url"] = peer.Url($"/status/{status}").ToString() }));

        Assert.Equal("http_status", failure.Code);
        Assert.Equal(status, failure.Status);
        Assert.Equal(retryable, failure.Retryable);
    }

    [Fact]
    public async Task TooManyRequests_CarriesRetryAfter()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["url"] = peer.Url("/status/429").ToString() }));

        Assert.True(failure.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
    }

    [Fact]
    public async Task ErrorStatus_WithFailOnHttpErrorOff_IsAnOutput()
    {
        var result = await RunAsync(new JsonObject { ["url"] = peer.Url("/status/404").ToString(), ["failOnHttpError"] = false });

        Assert.Equal(404, (int)result.Output["status"]!);
        Assert.Equal("status body", (string)result.Output["body"]!);
    }

    [Theory]
    [InlineData("{\"url\":\"file:///etc/passwd\"}", "url")]
    [InlineData("{\"url\":\"not a url\"}", "url")]
    [InlineData("{}", "url is required")]
    [InlineData("{\"url\":\"http://example.org\",\"method\":\"TRACE\"}", "method")]
    [InlineData("{\"url\":\"http://example.org\",\"timeoutMs\":0}", "timeoutMs")]
    [InlineData("{\"url\":\"http://example.org\",\"maxResponseBytes\":\"lots\"}", "maxResponseBytes")]
    [InlineData("{\"url\":\"http://example.org\",\"headers\":[1,2]}", "headers")]
    [InlineData("{\"url\":\"http://example.org\",\"query\":{\"a\":{\"b\":1}}}", "query.a")]
    public void From_BadConfig_IsANonRetryableConfigFailure(string json, string mentioned)
    {
        var failure = Assert.Throws<ToolFailureException>(() => HttpRequestSpec.From(JsonNode.Parse(json)!.AsObject(), new HttpToolOptions()));

        Assert.Equal("invalid_config", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Contains(mentioned, failure.Message, StringComparison.Ordinal);
    }
}
