const LEADS_BOARD = "JShpBxEFgRmZnivTf";

export const createLead = (card) =>
  fetch(`https://core-api.getaptly.com/api/board/${LEADS_BOARD}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-token": process.env.APTLY_STAGING_KEY },
    body: JSON.stringify(card),
  });
