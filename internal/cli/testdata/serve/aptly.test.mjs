// A test of an integration, as it would run under
//   aptly-doctor serve -- node aptly.test.mjs
// The base URL comes from APTLY_DOCTOR_URL when the doctor runs the test.
const base = process.env.APTLY_DOCTOR_URL ?? "https://api.getaptly.com";
const board = process.env.APTLY_BOARD_ID;

const res = await fetch(`${base}/api/aptlet/${board}`, {
  method: "POST",
  headers: { "x-token": process.env.APTLY_KEY, "Content-Type": "application/json" },
  body: JSON.stringify({ Name: "Ann Lee", Status: "New" }),
});
const card = await res.json();
console.log(res.status, res.headers.get("x-aptly-doctor"), JSON.stringify(card));

// Read the card back: the double remembers what it created.
const got = await fetch(`${base}/api/card/${card._id}`, { headers: { "x-token": process.env.APTLY_KEY } });
console.log(got.status, JSON.stringify(await got.json()));
if (!res.ok || !got.ok) process.exit(1);
