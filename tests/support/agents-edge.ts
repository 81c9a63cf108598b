// The jest project "agents" (jest.config.js): every bot a suite starts meets Teams
// through the Microsoft 365 Agents SDK edge (src/agents/) instead of botbuilder.
process.env['TEST_BOT_SDK'] = 'agents';
