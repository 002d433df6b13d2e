require "net/http"

def create_card(board_id, card)
  uri = URI("https://api.getaptly.com/api/aptlet/#{board_id}")
  Net::HTTP.post(uri, card.to_json, "Content-Type" => "application/json", "x-token" => ENV["APTLY_KEY"])
end
