fun create(boardId: String, key: String, json: String): Request =
    Request.Builder()
        .url("https://api.getaptly.com/api/aptlet/$boardId?x-token=$key")
        .post(json.toRequestBody("application/json".toMediaType()))
        .build()
