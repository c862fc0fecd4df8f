import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // The CLI tests spawn the built binary and read real files; give slow shared machines room.
    testTimeout: 30_000,
  },
});
