import os
import requests

BOARD_ID = "JShpBxEFgRmZnivTf"


def push(card):
    url = f"https://api.getaptly.com/api/aptlet/{BOARD_ID}"
    return requests.post(url, json=card, headers={"x-token": os.environ["APTLY_KEY"]})
