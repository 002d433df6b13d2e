client.test("lead found", function () {
  client.assert(response.status === 200);
});
client.global.set("leadName", response.body.name);
