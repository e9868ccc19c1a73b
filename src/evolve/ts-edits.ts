/**
 * Edits of the user's TypeScript as syntax trees (ts-morph), never as text:
 * the user's formatting, comments and own additions around the edit stay.
 */
import { IndentationText, Node, Project, type ArrayLiteralExpression, type SourceFile } from 'ts-morph';

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
