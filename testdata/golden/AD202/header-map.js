export const send = (board, card) =>
  fetch(`https://api.getaptly.com/api/aptlet/${board}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-token": "\"Lk2Pq9Wm4Zx7Rt5Yb8Nc\"" },
    body: JSON.stringify(card),
  });
