package config

// Starter is the config aptly-doctor init writes: every setting shown once,
// with comments, and valid as it stands (it loads without problems).
const Starter = `# aptly-doctor configuration: the Aptly environments, boards and keys
# this project talks to. Keys never go in this file: name the environment
# variable that holds each one (key_env), and add key_sha256 if you want a
# committed file to recognise a key (printf %s "$KEY" | sha256sum).
version: 1

environments:
  # A legacy environment: each board has its own key.
  production:
    base_url: https://api.getaptly.com
    boards:
      leads:
        id: REPLACE-WITH-BOARD-ID         # from the board's POST URL
        key_env: APTLY_PROD_LEADS_KEY
        # key_sha256: 3f9a1c              # first digits of the key's SHA-256
        update_mode: update-if-exists     # or always-create
        create_fields: false              # does Aptly add unknown keys as fields?
        fields:                           # optional; boards pull writes a lock file instead
          - {name: Name, type: text}
          - {name: Status, type: select, options: [New, Contacted, Leased]}
          - {name: Move-in Date, type: date}

  # A core environment: one company key for every board.
  staging:
    base_url: https://core-api.getaptly.com
    key_env: APTLY_STAGING_KEY
    boards:
      leads:
        id: REPLACE-WITH-BOARD-UUID

checks:
  disable: []                             # check IDs or globs, such as AD203 or AD2*
  severity: {}                            # for example AD105: error
  ignore: []                              # for example:
  # - {check: AD105, path: "payloads/old/**/*.json", pointer: /Notes, reason: "field removed in Q3"}
`
