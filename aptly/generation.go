package aptly

// Generation is the API generation a URL, key or body belongs to.
type Generation int

// The API generations.
const (
	// Unknown means the input does not tell the generation apart.
	Unknown Generation = iota
	// Legacy is the per-board key API: /api/aptlet/{boardId} on
	// api.getaptly.com or app.getaptly.com.
	Legacy
	// Core is the company key API: /api/board/{boardId} on
	// core-api.getaptly.com.
	Core
)

// String returns "unknown", "legacy" or "core".
func (g Generation) String() string {
	switch g {
	case Legacy:
		return "legacy"
	case Core:
		return "core"
	default:
		return "unknown"
	}
}

// Doc returns a paragraph on the generation for the explain command; the
// Unknown generation gets a paragraph that sets the two apart.
func (g Generation) Doc() string {
	switch g {
	case Legacy:
		return DocLegacy
	case Core:
		return DocCore
	default:
		return DocGenerations
	}
}

// DocLegacy explains the legacy API generation.
const DocLegacy = `The legacy Aptly API works board by board. Turning the API on for a board ` +
	`(Card Sources > API) shows that board's key together with its POST URL, ` +
	`https://api.getaptly.com/api/aptlet/{boardId} (the older pages use app.getaptly.com ` +
	`instead; both hosts appear in Aptly's documents). A key opens its own board and no ` +
	`other: sending it to another board's URL is refused with 401. The payload is keyed ` +
	`by field names exactly as the board spells them, and "_id" in the body updates a ` +
	`card when the board's update mode allows it. Regenerating a key retires the old one.`

// DocCore explains the core API generation.
const DocCore = `The core Aptly API works company-wide. A key made under Card Sources > API > ` +
	`Create New Key belongs to the company and opens every board that has the API turned ` +
	`on; it may carry an expiry date and is shown once only. Requests go to ` +
	`https://core-api.getaptly.com: cards are written with POST /api/board/{boardId}, ` +
	`keyed by the field keys that GET /api/schema/{boardId} returns, with "name" (or ` +
	`"title") as the card title and "_id" to update a card. 401 means the key is missing, ` +
	`wrong, expired or archived; 403 that the board has the API turned off; 404 that the ` +
	`board or card is not in the key's company. Each key may send 120 requests a minute.`

// DocGenerations sets the two generations apart.
const DocGenerations = `Aptly has two API generations. The legacy one gives each board its own ` +
	`key and takes cards at /api/aptlet/{boardId} on api.getaptly.com or app.getaptly.com, ` +
	`keyed by field names. The core one gives the company a single key and takes cards at ` +
	`/api/board/{boardId} on core-api.getaptly.com, keyed by field keys from the board's ` +
	`schema. A key, host and path from different generations do not work together.`

// DocToken explains the x-token header both generations authenticate with.
const DocToken = `Both Aptly API generations read the API key from the "x-token" request ` +
	`header (x-token: <key>), with no scheme in front of it: it is not an Authorization ` +
	`header and not a Bearer token. Aptly also accepts the key as an ?x-token= query ` +
	`parameter, but a key in the URL is written into proxy and server logs, so prefer the ` +
	`header. A missing or wrong key gives 401. Core delegate tokens are a different ` +
	`credential: they travel as "Authorization: DelegateToken <token>".`
