#!/usr/bin/env bash
# Scaffolds an Nx project: new-project.sh <libs|services> <name> <scope> <type>
set -euo pipefail
kind=$1 name=$2 scope=$3 type=$4
dir="$kind/$name"
mkdir -p "$dir/src"
depth="../.."
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "$depth/node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$([ "$kind" = services ] && echo application || echo library)",
  "tags": ["scope:$scope", "type:$type"],
  "targets": {
    "build": {},
    "lint": {},
    "test": {},
    "test-integration": {}
  }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "$depth/tsconfig.base.json",
  "compilerOptions": { "types": ["node", "jest"] },
  "include": ["src/**/*.ts", "test/**/*.ts"]
}
JSON
cat > "$dir/tsconfig.lib.json" <<JSON
{
  "extends": "$depth/tsconfig.base.json",
  "compilerOptions": { "outDir": "$depth/dist/$dir", "rootDir": "$depth", "types": ["node"] },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.spec.ts", "src/**/*.int-spec.ts", "src/**/testing/**"]
}
JSON
cat > "$dir/jest.config.js" <<JS
const { projectJestConfig } = require('$depth/jest.preset');

module.exports = projectJestConfig(__dirname, '$name');
JS
[ -f "$dir/src/index.ts" ] || [ "$kind" = services ] || echo "export {};" > "$dir/src/index.ts"
