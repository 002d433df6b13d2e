import os
import requests

BOARD_ID = os.environ["APTLY_BOARD_ID"]


def push(card):
    url = f"https://api.getaptly.com/api/aptlet/{BOARD_ID}"
    return requests.post(url, json=card, headers={"x-token": os.environ["APTLY_KEY"]})
