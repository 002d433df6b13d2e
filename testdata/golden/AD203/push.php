<?php
function aptly_push(string $board, array $card): void {
    $url = 'https://api.getaptly.com/api/aptlet/' . $board . '?x-token=' . getenv('APTLY_KEY');
    $ch = curl_init($url);
    curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($card));
    curl_exec($ch);
}
