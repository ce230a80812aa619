//! `cargo xtask shape`: the shape of the code, for a reader who wants to see whether it is getting
//! easier or harder to map. Per crate: its modules, the import circles between them (modules that
//! reach each other through `crate::…`, `super::…` or, in `shared`, nothing else), and the functions
//! of 80 lines or longer. Read from the source text alone (no compiler), so it runs in a second;
//! its figures go into the notes of work that reshapes the code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates whose modules are mapped, by their source folder.
const CRATES: &[&str] = &["shared/src", "app/src", "worker/src", "xtask/src"];

/// A function this long or longer is listed.
const LONG_FUNCTION_LINES: usize = 80;

pub fn print_the_shape() -> Result<(), String> {
    let root = crate::shell::project_root();
    let mut circles_in_all = 0;
    let mut long_in_all = 0;
    for source in CRATES {
        let modules = modules_under(&root.join(source))?;
        let edges = imports_between(&modules);
        let circles = import_circles(&modules, &edges);
        let mut long = Vec::new();
        for module in &modules {
            for function in functions_in(&module.text) {
                if function.lines >= LONG_FUNCTION_LINES {
                    long.push((
                        function.lines,
                        format!("{}:{}", module.file.display(), function.line),
                        function.name,
                    ));
                }
            }
        }
        long.sort_by_key(|entry| std::cmp::Reverse(entry.0));
        println!(
            "{source}: {} modules, {} import circles, {} functions of {LONG_FUNCTION_LINES}+ lines",
            modules.len(),
            circles.len(),
            long.len()
        );
        for circle in &circles {
            println!("    circle of {}: {}", circle.len(), circle.join(" ↔ "));
        }
        for (lines, place, name) in &long {
            println!("    {lines:>4} lines  {name}  ({place})");
        }
        circles_in_all += circles.len();
        long_in_all += long.len();
    }
    println!(
        "In all: {circles_in_all} import circles, {long_in_all} functions of {LONG_FUNCTION_LINES}+ lines."
    );
    Ok(())
}

/// One source file and the module path it is (`municipal::flow_back`; the crate root is ``).
pub(crate) struct Module {
    pub(crate) path: String,
    pub(crate) file: PathBuf,
    pub(crate) text: String,
}

#[cfg(test)]
impl Module {
    /// A module made up for a test, in a file named after it.
    pub(crate) fn from_text(path: &str, text: &str) -> Module {
        Module { path: path.into(), file: PathBuf::from(format!("{path}.rs")), text: text.into() }
    }
}

pub(crate) fn modules_under(source: &Path) -> Result<Vec<Module>, String> {
    let root = crate::shell::project_root();
    let mut files = Vec::new();
    collect_rust_files(source, &mut files)?;
    files.sort();
    let mut modules = Vec::new();
    for file in files {
        let relative = file.strip_prefix(source).map_err(|e| e.to_string())?;
        let mut parts: Vec<String> =
            relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
        let last = parts.pop().unwrap_or_default();
        let stem = last.trim_end_matches(".rs");
        if !["lib", "main", "mod"].contains(&stem) || !parts.is_empty() && stem != "mod" {
            parts.push(stem.to_owned());
        }
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let shown = file.strip_prefix(&root).unwrap_or(&file).to_path_buf();
        modules.push(Module { path: parts.join("::"), file: shown, text });
    }
    Ok(modules)
}

fn collect_rust_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_rust_files(&path, files)?;
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    Ok(())
}

/// Module → the other modules of its crate it names. A parent's `mod child;` is a declaration, not
/// an import: only paths count.
pub(crate) fn imports_between(modules: &[Module]) -> BTreeMap<String, BTreeSet<String>> {
    let known: BTreeSet<&str> = modules.iter().map(|module| module.path.as_str()).collect();
    let mut edges = BTreeMap::new();
    for module in modules {
        let mut targets = BTreeSet::new();
        for path in paths_named_in(&code_without_tests(&module.text)) {
            let absolute = match path.split_first() {
                Some((first, rest)) if first == "crate" => rest.to_vec(),
                Some((first, _)) if first == "super" => resolve_super(&module.path, &path),
                _ => continue,
            };
            // The longest prefix that is a module of this crate.
            for length in (1..=absolute.len()).rev() {
                let candidate = absolute[..length].join("::");
                if known.contains(candidate.as_str()) {
                    if candidate != module.path {
                        targets.insert(candidate);
                    }
                    break;
                }
            }
        }
        edges.insert(module.path.clone(), targets);
    }
    edges
}

/// The code of a module without comments and literals, and without its test block (`#[cfg(test)]`,
/// at the end of a file), which is left out: its `super` is the module itself.
pub(crate) fn code_without_tests(text: &str) -> String {
    let code = code_only(text);
    code.split("#[cfg(test)]").next().unwrap_or_default().to_owned()
}

/// `super::x::y` seen from `module`: the path from the crate root.
fn resolve_super(module: &str, path: &[String]) -> Vec<String> {
    let mut base: Vec<String> =
        module.split("::").filter(|part| !part.is_empty()).map(str::to_owned).collect();
    let mut rest = path;
    while let Some((first, tail)) = rest.split_first() {
        if first != "super" {
            break;
        }
        base.pop();
        rest = tail;
    }
    base.extend(rest.iter().cloned());
    base
}

/// Every `crate::a::b` and `super::a` path in `code`, with `use crate::{a, b::c}` groups expanded.
pub(crate) fn paths_named_in(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(start) {
            let at = from + found;
            from = at + start.len();
            // Not the tail of a longer path (`a::super::`, `my_crate::`).
            let preceded_by_a_path =
                at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || b"_:".contains(&bytes[at - 1]));
            if preceded_by_a_path {
                continue;
            }
            let head = start.trim_end_matches("::").to_owned();
            expand(&code[from..], vec![head], &mut paths);
        }
    }
    paths
}

/// Reads a path's continuation after `prefix::`: a name (and more), or a `{…}` group.
fn expand(rest: &str, prefix: Vec<String>, paths: &mut Vec<Vec<String>>) {
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 1;
        let mut end = group.len();
        for (index, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = index;
                        break;
                    }
                }
                _ => {}
            }
        }
        for item in split_top_level(&group[..end]) {
            expand(item.trim(), prefix.clone(), paths);
        }
        return;
    }
    let mut path = prefix;
    let mut remaining = rest;
    loop {
        let name: String = remaining.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name.is_empty() {
            break;
        }
        path.push(name.clone());
        remaining = &remaining[name.len()..];
        match remaining.strip_prefix("::") {
            Some(after) if after.starts_with('{') => return expand(after, path, paths),
            Some(after) => remaining = after,
            None => break,
        }
    }
    paths.push(path);
}

/// `a, b::{c, d}, e` → `a`, `b::{c, d}`, `e`.
fn split_top_level(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (index, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items.into_iter().filter(|item| !item.trim().is_empty()).collect()
}

/// Groups of two or more modules that all reach each other (Tarjan's strongly connected components).
fn import_circles(modules: &[Module], edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Search<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        circles: Vec<Vec<String>>,
    }
    impl<'a> Search<'a> {
        fn visit(&mut self, node: &'a str) {
            let number = self.index.len();
            self.index.insert(node, number);
            self.low.insert(node, number);
            self.stack.push(node);
            self.on_stack.insert(node);
            for next in self.edges.get(node).into_iter().flatten() {
                let next = next.as_str();
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let lowest = self.low[node].min(self.low[next]);
                    self.low.insert(node, lowest);
                } else if self.on_stack.contains(next) {
                    let lowest = self.low[node].min(self.index[next]);
                    self.low.insert(node, lowest);
                }
            }
            if self.low[node] == self.index[node] {
                let mut circle = Vec::new();
                while let Some(member) = self.stack.pop() {
                    self.on_stack.remove(member);
                    circle.push(member.to_owned());
                    if member == node {
                        break;
                    }
                }
                if circle.len() > 1 {
                    circle.sort();
                    self.circles.push(circle);
                }
            }
        }
    }
    let mut search = Search {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        circles: Vec::new(),
    };
    for module in modules {
        if !search.index.contains_key(module.path.as_str()) {
            search.visit(module.path.as_str());
        }
    }
    search.circles.sort();
    search.circles
}

/// The text with comments, string and character literals blanked out (lines kept), so that braces
/// and paths are only those of the code.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let previous = i.checked_sub(1).map(|before| chars[before]);
        match not_code_at(&chars[i..], previous) {
            0 => {
                out.push(chars[i]);
                i += 1;
            }
            length => {
                let end = (i + length).min(chars.len());
                out.extend(chars[i..end].iter().map(|c| if *c == '\n' { '\n' } else { ' ' }));
                i = end;
            }
        }
    }
    out
}

/// How many characters at the start of `from` are a comment or a literal (0: code).
fn not_code_at(from: &[char], previous: Option<char>) -> usize {
    let after = |skip: usize, end: &[char]| {
        (skip..from.len()).find(|&at| from[at..].starts_with(end)).map_or(from.len(), |at| at + end.len())
    };
    match from {
        ['/', '/', ..] => from.iter().position(|c| *c == '\n').unwrap_or(from.len()),
        ['/', '*', ..] => block_comment_length(from),
        ['r', '"' | '#', ..] if !previous.is_some_and(|c| c.is_alphanumeric() || c == '_') => {
            let hashes = from[1..].iter().take_while(|c| **c == '#').count();
            if from.get(1 + hashes) != Some(&'"') {
                return 0;
            }
            let closing: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            after(2 + hashes, &closing)
        }
        ['"', ..] => {
            let mut at = 1;
            while at < from.len() && from[at] != '"' {
                at += if from[at] == '\\' { 2 } else { 1 };
            }
            at + 1
        }
        ['\'', '\\', ..] => after(3, &['\'']),
        ['\'', _, '\'', ..] => 3,
        _ => 0,
    }
}

/// `/* … */`, nested ones included.
fn block_comment_length(from: &[char]) -> usize {
    let (mut depth, mut at) = (0, 0);
    while at < from.len() {
        if from[at..].starts_with(&['/', '*']) {
            depth += 1;
            at += 2;
        } else if from[at..].starts_with(&['*', '/']) {
            depth -= 1;
            at += 2;
            if depth == 0 {
                return at;
            }
        } else {
            at += 1;
        }
    }
    at
}

/// A function: its name, the line it starts on (1-based) and how many lines it spans.
#[derive(Debug, PartialEq)]
struct Function {
    name: String,
    line: usize,
    lines: usize,
}

/// The functions with a body in `text` (nested ones too, each counted on its own).
fn functions_in(text: &str) -> Vec<Function> {
    let code = code_only(text);
    let bytes = code.as_bytes();
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut functions = Vec::new();
    let mut from = 0;
    while let Some(found) = code[from..].find("fn ") {
        let at = from + found;
        from = at + 3;
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        let name: String = code[from..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name.is_empty() {
            continue;
        }
        // The body starts at the first `{` outside brackets; a `;` first means no body.
        let (mut depth, mut body) = (0i32, None);
        for (offset, c) in code[from..].char_indices() {
            match c {
                '(' | '[' | '<' => depth += 1,
                ')' | ']' => depth -= 1,
                '>' if !code[..from + offset].ends_with('-') => depth -= 1,
                '{' if depth <= 0 => {
                    body = Some(from + offset);
                    break;
                }
                ';' if depth <= 0 => break,
                _ => {}
            }
        }
        let Some(open) = body else { continue };
        let mut braces = 0;
        let mut close = None;
        for (offset, c) in code[open..].char_indices() {
            match c {
                '{' => braces += 1,
                '}' => {
                    braces -= 1;
                    if braces == 0 {
                        close = Some(open + offset);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else { continue };
        let line = line_of(at);
        functions.push(Function { name, line, lines: line_of(close) - line + 1 });
    }
    functions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_that_reach_each_other_form_one_circle_and_one_way_imports_none() {
        let modules = [
            Module::from_text("record", "use crate::journey::Words;\nfn f() {}"),
            Module::from_text("journey", "use crate::{calendar::Day, record::Record};"),
            Module::from_text("calendar", "pub struct Day;"),
            Module::from_text("merge", "use crate::record;"),
        ];
        let edges = imports_between(&modules);
        assert_eq!(edges["journey"], BTreeSet::from(["calendar".to_owned(), "record".to_owned()]));
        assert_eq!(import_circles(&modules, &edges), vec![vec!["journey".to_owned(), "record".to_owned()]]);
    }

    #[test]
    fn paths_in_comments_and_strings_are_not_imports_and_super_is_resolved() {
        let modules = [
            Module::from_text(
                "municipal",
                "// crate::oplog is where it lives\nconst A: &str = \"crate::oplog\";",
            ),
            Module::from_text("municipal::flow_back", "use super::super::oplog::insert;"),
            Module::from_text("oplog", "use crate::municipal::flow_back;"),
        ];
        let edges = imports_between(&modules);
        assert!(edges["municipal"].is_empty());
        assert_eq!(edges["municipal::flow_back"], BTreeSet::from(["oplog".to_owned()]));
        assert_eq!(import_circles(&modules, &edges).len(), 1);
    }

    #[test]
    fn a_function_is_measured_from_its_line_to_its_closing_brace_past_braces_in_strings() {
        let text = "/// Doc.\nfn short() -> Vec<u8> { vec![] }\n\npub async fn long<T: Into<String>>(x: T) -> Result<(), String>\nwhere T: Clone\n{\n    let s = \"}}}\";\n    let c = '}';\n    let r = r#\"{\"#;\n    if true { }\n}\ntrait T { fn declared(&self); }\n";
        assert_eq!(
            functions_in(text),
            vec![
                Function { name: "short".into(), line: 2, lines: 1 },
                Function { name: "long".into(), line: 4, lines: 8 },
            ]
        );
    }
}
