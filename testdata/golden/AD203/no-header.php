<?php
function aptly_push(string $board, array $card): void {
    $ch = curl_init("https://api.getaptly.com/api/aptlet/{$board}");
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['Content-Type: application/json', 'x-token: ' . getenv('APTLY_KEY')]);
    curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($card));
    curl_exec($ch);
}
