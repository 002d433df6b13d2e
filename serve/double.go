package serve

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// The exact bodies of Aptly's error answers, from its errors page.
const (
	UnauthorizedBody = `{"error":"Unauthorized"}`
	NotFoundBody     = `{"error":"Not found"}`
	BadRequestBody   = `{"error":"Bad request"}`
	// TooLargeBody answers a body over the size limit; Aptly documents no
	// limit for card bodies, so the words are HTTP's own.
	TooLargeBody = `{"error":"Payload too large"}`
)

// answer is what the server sends back for one request.
type answer struct {
	status int
	body   []byte
	header http.Header // extra headers: Retry-After
	// cause is the check whose finding made Aptly refuse. A refusal with no
	// cause comes from what the double knows (the config's boards and keys,
	// the cards it made, the rate limit): AD501 then explains it.
	cause string
	// proxied marks the upstream's real answer: its headers pass on as they
	// came; note says what went wrong on the way, if anything.
	proxied bool
	note    string
}

func (a *answer) refused() bool { return a.status >= 300 }

func errorAnswer(status int, body, cause string) *answer {
	return &answer{status: status, body: []byte(body), cause: cause}
}

// card is one card the double made, with the fields it was last sent.
type card struct {
	id     string
	board  string
	fields map[string]any
}

// double is the state behind the answers: the cards made so far.
type double struct {
	cfg  *config.Config
	envs []*config.Env

	mu     sync.Mutex
	cards  map[string]*card
	boards map[string][]string // board ID -> card IDs, oldest first
	order  []string            // boards in the order they were first written
}

func newDouble(cfg *config.Config, envs []*config.Env) *double {
	return &double{cfg: cfg, envs: envs, cards: map[string]*card{}, boards: map[string][]string{}}
}

// answer decides what Aptly would say to the judged unit: the first refusal
// a finding or the double's knowledge gives, in the order Aptly meets them
// (the package doc lists it), else success.
func (d *double) answer(u *input.Unit, findings []checks.Finding) *answer {
	r := u.Request
	ep, err := aptly.ParseEndpoint(r.URL)
	if err != nil || ep.Op == "" || ep.Op == aptly.OpPortal || !ep.AllowsMethod(r.Method) {
		return errorAnswer(http.StatusNotFound, NotFoundBody, firstOf(findings, "AD204"))
	}
	if id := firstOf(findings, "AD202"); id != "" {
		return errorAnswer(http.StatusUnauthorized, UnauthorizedBody, id)
	}
	boards := d.configBoards(ep.BoardID)
	if id := firstOf(findings, "AD303"); id != "" || ep.BoardID != "" && len(boards) == 0 && d.knowsBoards() {
		// A board the config does not know, or knows in another
		// environment: it does not exist where the request goes.
		return errorAnswer(http.StatusNotFound, NotFoundBody, id)
	}
	if id := firstOf(findings, "AD302"); id != "" {
		return errorAnswer(http.StatusUnauthorized, UnauthorizedBody, id)
	}
	if !d.keyOpens(r, ep, boards) {
		return errorAnswer(http.StatusUnauthorized, UnauthorizedBody, "")
	}
	if id := firstOf(findings, "AD101", "AD102", "AD201"); id != "" && writes(ep, r.Method) {
		return errorAnswer(http.StatusBadRequest, BadRequestBody, id)
	}
	return d.serve(u, ep, boardGeneration(ep, boards))
}

// firstOf returns the first of ids that some finding (warning or worse:
// an info finding only says what could not be checked) belongs to.
func firstOf(findings []checks.Finding, ids ...string) string {
	for _, f := range findings {
		if f.Severity >= checks.Warning && slices.Contains(ids, f.Check) {
			return f.Check
		}
	}
	return ""
}

func writes(ep aptly.Endpoint, method string) bool {
	return method != http.MethodGet && method != http.MethodHead && ep.Op != aptly.OpFile
}

// configBoards returns the boards of the config (of the --env environments
// when named) with this ID.
func (d *double) configBoards(id string) []*config.Board {
	if d.cfg == nil || id == "" {
		return nil
	}
	var out []*config.Board
	for _, b := range d.cfg.BoardsByID(id) {
		if len(d.envs) == 0 || slices.Contains(d.envs, b.Env) {
			out = append(out, b)
		}
	}
	return out
}

// knowsBoards reports whether the config lists boards (of the --env
// environments when named): only then is a board it does not list unknown.
func (d *double) knowsBoards() bool {
	if d.cfg == nil {
		return false
	}
	for _, e := range d.cfg.Envs {
		if len(d.envs) > 0 && !slices.Contains(d.envs, e) {
			continue
		}
		for _, b := range e.Boards {
			if b.ID != "" {
				return true
			}
		}
	}
	return false
}

// keyOpens reports whether the request's key may be the one the config
// knows for its board (or, for /api/boards, for a core environment). A key
// the config cannot tell (variable unset, no key_sha256) is given the
// benefit of the doubt, as is every key without a config.
func (d *double) keyOpens(r *input.Request, ep aptly.Endpoint, boards []*config.Board) bool {
	key, _ := checks.RequestKey(r)
	var known []*config.Key
	for _, b := range boards {
		if b.Key != nil && (b.Key.Set || b.Key.SHA256Prefix != "") {
			known = append(known, b.Key)
		}
	}
	if ep.Op == aptly.OpBoards && d.cfg != nil {
		for _, e := range d.cfg.Envs {
			if e.Key != nil && (e.Key.Set || e.Key.SHA256Prefix != "") && (len(d.envs) == 0 || slices.Contains(d.envs, e)) {
				known = append(known, e.Key)
			}
		}
	}
	if len(known) == 0 {
		return true
	}
	return slices.ContainsFunc(known, func(k *config.Key) bool { return k.Matches(key) })
}

// boardGeneration is the generation an answer takes: the path's, else the
// configured board's, else legacy.
func boardGeneration(ep aptly.Endpoint, boards []*config.Board) aptly.Generation {
	if ep.Generation != aptly.Unknown {
		return ep.Generation
	}
	for _, b := range boards {
		if b.IsCore() {
			return aptly.Core
		}
	}
	return aptly.Legacy
}

// serve answers a request Aptly accepts.
func (d *double) serve(u *input.Unit, ep aptly.Endpoint, g aptly.Generation) *answer {
	r := u.Request
	core := g == aptly.Core
	op := ep.Operation(r.Method)
	switch op {
	case aptly.OpCardWrite:
		return d.write(u, ep.BoardID, core)
	case aptly.OpCardList, aptly.OpCardSearch:
		return d.list(ep, core)
	case aptly.OpCardGet:
		c, ok := d.card(ep.CardID, ep.BoardID)
		if !ok {
			return errorAnswer(http.StatusNotFound, NotFoundBody, "")
		}
		if core {
			v := d.cardValue(c)
			v["cardId"], v["boardUuid"], v["archived"] = c.id, c.board, false
			return ok200(map[string]any{"data": v})
		}
		return ok200(d.cardValue(c))
	case aptly.OpCardField:
		c, ok := d.card(ep.CardID, "")
		if !ok {
			return errorAnswer(http.StatusNotFound, NotFoundBody, "")
		}
		if u.Body != nil && u.Body.Decoded {
			d.mu.Lock()
			if m, ok := u.Body.Value.(map[string]any); ok && len(m) == 1 {
				for _, v := range m {
					c.fields[ep.Section] = v // {"value": …}
				}
			} else {
				c.fields[ep.Section] = u.Body.Value
			}
			d.mu.Unlock()
		}
		return ok200(map[string]any{"_id": c.id})
	case aptly.OpComment, aptly.OpComments, aptly.OpContacts, aptly.OpFile:
		if _, ok := d.card(ep.CardID, ep.BoardID); !ok {
			return errorAnswer(http.StatusNotFound, NotFoundBody, "")
		}
		if op == aptly.OpComments || op == aptly.OpContacts {
			return ok200(map[string]any{"data": []any{}})
		}
		return ok200(map[string]any{"data": map[string]any{"_id": newID()}})
	case aptly.OpSchema:
		return ok200(schema(d.configBoards(ep.BoardID), core))
	case aptly.OpBoards:
		return ok200(map[string]any{"data": d.boardList()})
	case aptly.OpConfiguration, aptly.OpVerifyUser:
		return ok200(map[string]any{"data": map[string]any{}})
	}
	if r.Method == http.MethodGet {
		return ok200(map[string]any{"data": []any{}})
	}
	return ok200(map[string]any{"data": map[string]any{"_id": newID()}})
}

// write creates a card, or updates the one whose _id the body names; an
// _id the double never made is Aptly's 404.
func (d *double) write(u *input.Unit, board string, core bool) *answer {
	fields := map[string]any{}
	if u.Body != nil && u.Body.Decoded {
		if m, ok := u.Body.Value.(map[string]any); ok {
			fields = m
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	id, _ := fields["_id"].(string)
	if id != "" {
		c, ok := d.cards[id]
		if !ok || c.board != board {
			return errorAnswer(http.StatusNotFound, NotFoundBody, "")
		}
		for k, v := range fields {
			if k != "_id" {
				c.fields[k] = v // fields left out stay as they were
			}
		}
	} else {
		id = newID()
		c := &card{id: id, board: board, fields: map[string]any{}}
		for k, v := range fields {
			if k != "_id" {
				c.fields[k] = v
			}
		}
		d.cards[id] = c
		if _, ok := d.boards[board]; !ok {
			d.order = append(d.order, board)
		}
		d.boards[board] = append(d.boards[board], id)
	}
	if core {
		return ok200(map[string]any{"data": map[string]any{"_id": id}})
	}
	return ok200(map[string]any{"_id": id})
}

// list answers a card list page: legacy pages of 200 as a bare array,
// core {data, count, page, pageSize} (pageSize 20 unless asked).
func (d *double) list(ep aptly.Endpoint, core bool) *answer {
	d.mu.Lock()
	ids := slices.Clone(d.boards[ep.BoardID])
	d.mu.Unlock()
	page, size := queryInt(ep, "page", 0), 200
	if core {
		size = queryInt(ep, "pageSize", queryInt(ep, "limit", 20))
	}
	size = max(size, 1)
	items := []any{}
	for i := page * size; i >= 0 && i < len(ids) && i < (page+1)*size; i++ {
		if c, ok := d.card(ids[i], ""); ok {
			items = append(items, d.cardValue(c))
		}
	}
	if core {
		return ok200(map[string]any{"data": items, "count": len(ids), "page": page, "pageSize": size})
	}
	return ok200(items)
}

func queryInt(ep aptly.Endpoint, name string, def int) int {
	if vs := ep.Query[name]; len(vs) > 0 {
		if n, err := strconv.Atoi(vs[0]); err == nil && n >= 0 {
			return n
		}
	}
	return def
}

// card finds a card the double made; board, when set, must be its board.
func (d *double) card(id, board string) (*card, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	c, ok := d.cards[id]
	if !ok || board != "" && c.board != board {
		return nil, false
	}
	return c, true
}

// cardValue is a copy of the card as Aptly returns it: _id and its fields.
func (d *double) cardValue(c *card) map[string]any {
	d.mu.Lock()
	defer d.mu.Unlock()
	v := make(map[string]any, len(c.fields)+1)
	for k, f := range c.fields {
		v[k] = f
	}
	v["_id"] = c.id
	return v
}

// boardList is core's GET /api/boards: the configured boards, else those
// written to so far.
func (d *double) boardList() []any {
	out := []any{}
	add := func(id, name string) {
		out = append(out, map[string]any{"uuid": id, "name": name, "endpoints": []any{
			map[string]string{"method": "GET", "url": "/api/board/" + id, "description": "List cards"},
			map[string]string{"method": "POST", "url": "/api/board/" + id, "description": "Create or update a card"},
		}})
	}
	if d.cfg != nil {
		for _, e := range d.cfg.Envs {
			if len(d.envs) > 0 && !slices.Contains(d.envs, e) {
				continue
			}
			for _, b := range e.Boards {
				if b.ID != "" {
					add(b.ID, b.Name)
				}
			}
		}
		return out
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, id := range d.order {
		add(id, id)
	}
	return out
}

// schema is the board's field list as GET /api/schema answers it: legacy
// {"fields": [{name, type, options}]}, core [{key, label, type, options}].
func schema(boards []*config.Board, core bool) any {
	var fields []config.Field
	if len(boards) > 0 {
		fields = boards[0].Fields
	}
	out := []any{}
	for _, f := range fields {
		m := map[string]any{"type": f.Type}
		if core {
			m["key"], m["label"] = f.Key, f.Label
		} else {
			m["name"] = f.Name
		}
		if len(f.Options) > 0 {
			m["options"] = f.Options
		}
		out = append(out, m)
	}
	if core {
		return out
	}
	return map[string]any{"fields": out}
}

func ok200(v any) *answer {
	b, err := json.Marshal(v)
	if err != nil {
		return &answer{status: http.StatusInternalServerError, body: []byte(`{"error":"Internal server error"}`)}
	}
	return &answer{status: http.StatusOK, body: b}
}

// idAlphabet is Meteor's Random.id() alphabet, the one Aptly's IDs use.
const idAlphabet = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz"

// newID makes a card ID of Aptly's shape: 17 characters of idAlphabet.
func newID() string {
	b := make([]byte, 17)
	for i := range b {
		b[i] = idAlphabet[rand.IntN(len(idAlphabet))]
	}
	return string(b)
}
