import os
import requests

KEY = os.environ["APTLY_KEY"]


def create(board_id, card):
    # The key rides in the query string.
    url = f"https://api.getaptly.com/api/aptlet/{board_id}?x-token={KEY}"
    return requests.post(url, json=card)
