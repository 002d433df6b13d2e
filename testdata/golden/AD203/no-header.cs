public class AptlyClient
{
    public Task<HttpResponseMessage> Create(string boardId, HttpContent body)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, $"https://api.getaptly.com/api/aptlet/{boardId}");
        req.Headers.Add("x-token", Environment.GetEnvironmentVariable("APTLY_KEY"));
        req.Content = body;
        return _http.SendAsync(req);
    }
}
