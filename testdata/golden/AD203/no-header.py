import os
import requests


def create(board_id, card):
    url = "https://api.getaptly.com/api/aptlet/%s" % board_id
    return requests.post(url, json=card, headers={"x-token": os.environ["APTLY_KEY"]})
