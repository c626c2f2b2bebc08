const fs = require('node:fs');
const path = require('node:path');
const { projectJestConfig } = require('../../jest.preset');

// Nest 12 and jose ship ES modules only. Node 20 can require() them, but Jest's module loader
// cannot before Node 24.9, so their files are compiled to CommonJS like our own (belongs in
// jest.preset.js once every project needs it).
const ESM_ONLY_PACKAGES = ['@nestjs', 'jose', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', '@borewit', 'uuid'];
const swcConfig = JSON.parse(fs.readFileSync(path.join(__dirname, '../../.swcrc'), 'utf8'));
const config = projectJestConfig(__dirname, 'config');

module.exports = {
  ...config,
  projects: config.projects.map((project) => ({
    ...project,
    transform: { '^.+\\.(ts|js)$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
    transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  })),
};
