export async function createCard(boardId: string, card: object): Promise<Response> {
  return fetch(`https://api.getaptly.com/api/aptlet/${encodeURIComponent(boardId)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-token": process.env.APTLY_KEY ?? "" },
    body: JSON.stringify(card),
  });
}
