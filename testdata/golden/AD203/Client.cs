using System.Net.Http;

public class AptlyClient
{
    private readonly HttpClient _http = new HttpClient();

    public Task<HttpResponseMessage> Create(string boardId, string apiKey, HttpContent body)
    {
        var url = "https://api.getaptly.com/api/aptlet/" + boardId + "?x-token=" + apiKey;
        return _http.PostAsync(url, body);
    }
}
