# A test of an integration, as it would run under
#   aptly-doctor serve -- python3 aptly_test.py
import os
import requests

base = os.environ.get("APTLY_DOCTOR_URL", "https://api.getaptly.com")
r = requests.post(
    f"{base}/api/aptlet/{os.environ['APTLY_BOARD_ID']}",
    headers={"x-token": os.environ["APTLY_KEY"]},
    json={"Name": "Ann Lee", "Status": "new"},
)
print(r.status_code, r.headers["X-Aptly-Doctor"], r.json())
r.raise_for_status()
