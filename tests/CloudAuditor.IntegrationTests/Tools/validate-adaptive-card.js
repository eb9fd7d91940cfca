// Validates an Adaptive Card (JSON on stdin) with Microsoft's own parser, the adaptivecards npm package: prints every
// parse and validation event as one JSON array and exits 1 when there is any (an unknown element, a missing required
// property, a version the card does not declare).
const AC = require(process.argv[2]);
let input = "";
process.stdin.on("data", chunk => (input += chunk));
process.stdin.on("end", () => {
  const context = new AC.SerializationContext();
  const card = new AC.AdaptiveCard();
  card.parse(JSON.parse(input), context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) events.push(e.message);
  console.log(JSON.stringify({ version: card.version ? card.version.toString() : null, events }));
  process.exit(events.length === 0 ? 0 : 1);
});
