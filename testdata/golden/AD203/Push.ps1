param([string]$BoardId)
$uri = "https://api.getaptly.com/api/aptlet/$BoardId?x-token=$env:APTLY_KEY"
Invoke-RestMethod -Method Post -Uri $uri -ContentType 'application/json' -Body (Get-Content card.json -Raw)
