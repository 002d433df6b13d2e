const headers = { "x-token": process.env.APTLY_KEY, "Content-Type": "application/json" };
await fetch(`https://api.getaptly.com/api/aptlet/${process.env.APTLY_BOARD_ID}`, { method: "POST", headers, body });
