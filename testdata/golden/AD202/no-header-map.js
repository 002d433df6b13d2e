export const send = (board, card) =>
  fetch(`https://api.getaptly.com/api/aptlet/${board}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-token": process.env.APTLY_KEY },
    body: JSON.stringify(card),
  });
