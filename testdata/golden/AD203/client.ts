export async function createCard(boardId: string, card: object): Promise<Response> {
  const key = process.env.APTLY_KEY ?? "";
  return fetch(`https://api.getaptly.com/api/aptlet/${boardId}?x-token=${key}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(card),
  });
}
