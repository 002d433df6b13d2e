class AptlyClient {
    HttpResponse<String> create(String boardId, String key, String json) throws Exception {
        var req = HttpRequest.newBuilder(URI.create("https://api.getaptly.com/api/aptlet/" + boardId + "?x-token=" + key))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
