// A browser spec walks through several pages of a real stack on a shared two-core machine.
jest.setTimeout(240_000);
