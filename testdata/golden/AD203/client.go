package aptly

import (
	"fmt"
	"net/http"
	"os"
	"strings"
)

func Create(board, card string) (*http.Response, error) {
	url := fmt.Sprintf("https://api.getaptly.com/api/aptlet/%s?x-token=%s", board, os.Getenv("APTLY_KEY"))
	return http.Post(url, "application/json", strings.NewReader(card))
}
