/**
 * Edits of the user's TypeScript as syntax trees (ts-morph), never as text:
 * the user's formatting, comments and own additions around the edit stay.
 */
import { IndentationText, Node, Project, type ArrayLiteralExpression, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';

/** The file's own indentation unit, so that inserted code looks like the code around it. */
function indentationOf(text: string): IndentationText {
  const unit = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  if (unit.startsWith('\t')) return IndentationText.Tab;
  return unit.length >= 4 ? IndentationText.FourSpaces : IndentationText.TwoSpaces;
}

function parse(text: string): SourceFile {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    manipulationSettings: { indentationText: indentationOf(text) },
  });
  return project.createSourceFile('edit.ts', text);
}

/** `const NAME = [ … ] as const satisfies …`: the array literal under any `as`/`satisfies`/parentheses. */
function arrayOf(file: SourceFile, name: string): ArrayLiteralExpression | undefined {
  let node: Node | undefined = file.getVariableDeclaration(name)?.getInitializer();
  while (node && (Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isParenthesizedExpression(node))) {
    node = node.getExpression();
  }
  return node && Node.isArrayLiteralExpression(node) ? node : undefined;
}

/**
 * Appends to every top-level array in `ours` the elements that the same array in `theirs` has
 * and `ours` lacks (compared by their text, whitespace aside).
 */
export function appendMissingElements(ours: string, theirs: string): string {
  const oursFile = parse(ours);
  const theirsFile = parse(theirs);
  const key = (text: string) => text.replace(/\s+/g, '');
  for (const declaration of theirsFile.getVariableDeclarations()) {
    const theirsArray = arrayOf(theirsFile, declaration.getName());
    const oursArray = arrayOf(oursFile, declaration.getName());
    if (!theirsArray || !oursArray) continue;
    const present = new Set(oursArray.getElements().map((e) => key(e.getText())));
    const missing = theirsArray.getElements().filter((e) => !present.has(key(e.getText())));
    if (missing.length === 0) continue;
    // ts-morph inserts before a trailing comma and does not add one after the new last element.
    const trailingComma = oursArray.compilerNode.elements.hasTrailingComma;
    for (const element of missing) oursArray.addElement(element.getText());
    if (trailingComma) oursFile.insertText(oursArray.getElements().at(-1)!.getEnd(), ',');
  }
  return oursFile.getFullText();
}

/**
 * When the new render of a file differs from what was generated only by elements added to its
 * arrays (a new service in a routing table or a list), makes exactly that edit on the user's
 * version as a syntax tree, and returns it; otherwise undefined, and the caller merges as text.
 */
export function asArrayAppends(ours: string, base: string, theirs: string): string | undefined {
  if (appendMissingElements(base, theirs) !== theirs) return undefined;
  return appendMissingElements(ours, theirs);
}

/**
 * `const NAME = { … }` or `function NAME() { … return { … }; }`: the object literal that a
 * top-level declaration stands for (a handlers table, or a function that builds one).
 */
function objectOf(file: SourceFile, name: string): ObjectLiteralExpression | undefined {
  const initializer = file.getVariableDeclaration(name)?.getInitializer();
  if (initializer !== undefined) return Node.isObjectLiteralExpression(initializer) ? initializer : undefined;
  const returned = file.getFunction(name)?.getStatements().find(Node.isReturnStatement)?.getExpression();
  return returned !== undefined && Node.isObjectLiteralExpression(returned) ? returned : undefined;
}

const declaredNames = (file: SourceFile): string[] => [
  ...file.getVariableDeclarations().map((declaration) => declaration.getName()),
  ...file.getFunctions().flatMap((declaration) => declaration.getName() ?? []),
];

/** `'order.placed': …` and `order: …` are named order.placed and order. */
function propertyName(property: Node): string {
  if (!Node.isPropertyNamed(property)) return property.getText();
  const name = property.getNameNode();
  return Node.isStringLiteral(name) ? name.getLiteralValue() : name.getText();
}

/** The property's text with the comments above it, its lines relative to the property's own indentation. */
function propertyLines(property: Node): string[] {
  const indent = property.getIndentationText();
  const comments = property.getLeadingCommentRanges().flatMap((range) => range.getText().split('\n').map((line) => line.trim()));
  const [first = '', ...rest] = property.getText().split('\n');
  return [...comments, first, ...rest.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))];
}

/**
 * Appends to every top-level object literal in `ours` the properties that the same object in
 * `theirs` has and `ours` lacks (by name), with their comments, indented like the properties
 * around them, after the last property (whatever the user added before it): the syntax tree
 * says where. Undefined when an object is not laid out one property per line.
 */
export function appendMissingProperties(ours: string, theirs: string): string | undefined {
  const oursFile = parse(ours);
  const theirsFile = parse(theirs);
  for (const name of declaredNames(theirsFile)) {
    const theirsObject = objectOf(theirsFile, name);
    const oursObject = objectOf(oursFile, name);
    if (!theirsObject || !oursObject) continue;
    const present = new Set(oursObject.getProperties().map(propertyName));
    const missing = theirsObject.getProperties().filter((property) => !present.has(propertyName(property)));
    if (missing.length === 0) continue;

    const last = oursObject.getProperties().at(-1);
    const closing = oursObject.getEnd() - 1;
    const indent = last?.getIndentationText() ?? `${oursObject.getIndentationText()}  `;
    const text = missing.map((property) => propertyLines(property).map((line) => (line === '' ? '' : indent + line)).join('\n'));
    const from = last?.getEnd() ?? oursObject.getStart();
    const lineEnd = oursFile.getFullText().indexOf('\n', from);
    if (lineEnd === -1 || lineEnd >= closing) return undefined; // `{ a, b }` on one line
    // The nodes are stale after an edit: positions are computed first.
    const comma = last !== undefined && !oursObject.compilerNode.properties.hasTrailingComma;
    if (comma) oursFile.insertText(from, ',');
    oursFile.insertText(lineEnd + (comma ? 1 : 0), `\n${text.join(',\n')},`);
  }
  return oursFile.getFullText();
}

/** Like asArrayAppends, for properties added to object literals (a handler for a new event type). */
export function asPropertyAppends(ours: string, base: string, theirs: string): string | undefined {
  if (appendMissingProperties(base, theirs) !== theirs) return undefined;
  return appendMissingProperties(ours, theirs);
}

/** The property names of every top-level object literal in `text` (see objectOf). */
export function objectPropertyNames(text: string): string[] {
  const file = parse(text);
  return declaredNames(file).flatMap((name) => objectOf(file, name)?.getProperties().map(propertyName) ?? []);
}
