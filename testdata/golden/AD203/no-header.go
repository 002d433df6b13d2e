package aptly

import (
	"net/http"
	"os"
	"strings"
)

func Create(board, card string) (*http.Response, error) {
	req, _ := http.NewRequest("POST", "https://api.getaptly.com/api/aptlet/"+board, strings.NewReader(card))
	req.Header.Set("x-token", os.Getenv("APTLY_KEY"))
	req.Header.Set("Content-Type", "application/json")
	return http.DefaultClient.Do(req)
}
