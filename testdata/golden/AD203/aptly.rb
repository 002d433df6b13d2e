require "net/http"

def create_card(board_id, card)
  uri = URI("https://api.getaptly.com/api/aptlet/#{board_id}?x-token=#{ENV['APTLY_KEY']}")
  Net::HTTP.post(uri, card.to_json, "Content-Type" => "application/json")
end
