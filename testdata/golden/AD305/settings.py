APTLY_HEADERS = {
    "x-token": "k9Qw2Zr8Lm4Tx7Vb3Nc6",
    "Content-Type": "application/json",
}
APTLY_URL = "https://api.getaptly.com/api/aptlet/%s"
