use std::io::Write;
use std::path::PathBuf;

use flate2::write::GzEncoder;
use flate2::Compression;

use super::*;

/// A fresh folder under the system temp dir, removed on drop.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir =
            std::env::temp_dir().join(format!("actorgraph-read-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("should succeed");
        Dir(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        fs::create_dir_all(path.parent().expect("should succeed")).expect("should succeed");
        fs::write(&path, bytes).expect("should succeed");
        path
    }

    fn gz(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(bytes).expect("should succeed");
        self.file(name, &e.finish().expect("should succeed"))
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

use std::fs;

fn read(paths: &[PathBuf], options: ReadOptions) -> Result<Vec<Record>> {
    Reader::new(inputs(paths, None, None)?, options).collect()
}

fn rec(text: &str, id: &str, date: Option<&str>) -> Record {
    Record {
        text: text.into(),
        id: id.into(),
        date: date.map(String::from),
    }
}

#[test]
fn formats_by_extension() {
    for (name, want) in [
        ("a.txt", Some(Format::Text)),
        ("a.TXT.gz", Some(Format::Text)),
        ("a.jsonl", Some(Format::JsonLines)),
        ("a.ndjson.gz", Some(Format::JsonLines)),
        ("a.csv", Some(Format::Csv)),
        ("a.tsv.gz", Some(Format::Tsv)),
        ("a.parquet", Some(Format::Parquet)),
        ("a.parquet.gz", None),
        ("a.json", None),
        ("README", None),
        ("a.gz", None),
    ] {
        assert_eq!(Format::of_name(Path::new(name)), want, "{name}");
    }
}

#[test]
fn globs() {
    for (pattern, name, want) in [
        ("*.txt", "a.txt", true),
        ("*.txt", "a.txt.gz", false),
        ("*", "", true),
        ("?", "é", true),
        ("a*b*c", "aXbYbZc", true),
        ("a*b*c", "aXbYbZ", false),
        ("*.jsonl*", "x.jsonl.gz", true),
    ] {
        assert_eq!(glob_match(pattern, name), want, "{pattern} {name}");
    }
}

#[test]
fn folder_tree_in_sorted_order_with_known_extensions() {
    let d = Dir::new("tree");
    d.file("b.txt", "Bé".as_bytes());
    d.file("a/z.txt", b"z");
    d.file("a.txt", b"a");
    d.file("notes.md", b"skipped");
    d.gz("c/d.txt.gz", "😀 gz".as_bytes());
    let records = read(std::slice::from_ref(&d.0), ReadOptions::default()).expect("should succeed");
    let ids: Vec<String> = records.iter().map(|r| r.id.clone()).collect();
    let root = display(&d.0);
    assert_eq!(
        ids,
        ["a/z.txt", "a.txt", "b.txt", "c/d.txt.gz"].map(|n| format!("{root}/{n}"))
    );
    assert_eq!(records[2].text, "Bé");
    assert_eq!(records[3].text, "😀 gz");
    let only_md = inputs(std::slice::from_ref(&d.0), None, Some("*.md")).expect("should succeed");
    assert_eq!(only_md.len(), 1);
    assert_eq!(only_md[0].format, Format::Text);
}

#[test]
fn json_lines_fields_nulls_crlf_bom_and_blank_lines() {
    let d = Dir::new("jsonl");
    let body = "\u{feff}{\"text\": \"مرحبا Zoë\", \"id\": \"x\", \"date\": \"2015-03-01\", \"other\": [1, {\"a\": 2}]}\r\n\
                \r\n\
                {\"id\": 3, \"text\": \"\", \"date\": null}\n\
                {\"text\": null}\n\
                {\"text\": \"esc \\\"q\\\" \\u00e9\"}";
    let path = d.gz("x.jsonl.gz", body.as_bytes());
    let records =
        read(std::slice::from_ref(&path), ReadOptions::default()).expect("should succeed");
    let p = display(&path);
    assert_eq!(
        records,
        [
            rec("مرحبا Zoë", "x", Some("2015-03-01")),
            rec("", "3", None),
            rec("", &format!("{p}:4"), None),
            rec("esc \"q\" é", &format!("{p}:5"), None),
        ]
    );
}

#[test]
fn bad_json_lines_name_file_line_and_field() {
    let d = Dir::new("badjson");
    let cases = [
        (
            "{\"text\": \"a\"}\n{\"text\": \"b\"\n",
            2,
            "not a JSON object",
        ),
        ("[1, 2]\n", 1, "not a JSON object"),
        ("{\"body\": \"a\"}\n", 1, "no field \"text\""),
        ("{\"text\": 5}\n", 1, "field \"text\""),
        (
            "{\"text\": \"a\", \"date\": 5}\n",
            1,
            "field \"date\" must be a string",
        ),
        ("{\"text\": \"a\"} x\n", 1, "trailing characters"),
    ];
    for (i, (body, line, want)) in cases.into_iter().enumerate() {
        let path = d.file(&format!("{i}.jsonl"), body.as_bytes());
        let err =
            read(std::slice::from_ref(&path), ReadOptions::default()).expect_err("should fail");
        let Error::Read {
            line: got, message, ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(*got, Some(line), "{body}");
        assert!(message.contains(want), "{body}: {message}");
        assert!(err.to_string().starts_with(&display(&path)), "{err}");
    }
    let path = d.file("req.jsonl", b"{\"text\": \"a\"}\n");
    let options = ReadOptions {
        id: Field::Required("id".into()),
        ..ReadOptions::default()
    };
    let err = read(&[path], options).expect_err("should fail").to_string();
    assert!(err.contains("line 1: no field \"id\""), "{err}");
    // A required date may be null (unknown), not absent.
    let path = d.file(
        "date.jsonl",
        b"{\"text\": \"a\", \"when\": null}\n{\"text\": \"b\"}\n",
    );
    let options = ReadOptions {
        date: Field::Required("when".into()),
        ..ReadOptions::default()
    };
    let err = read(&[path], options).expect_err("should fail").to_string();
    assert!(err.contains("line 2: no field \"when\""), "{err}");
}

#[test]
fn non_utf8_is_an_error_with_line_and_byte_or_replaced() {
    let d = Dir::new("utf8");
    let txt = d.file("bad.txt", b"ok\nEgypt \xff backed");
    let jsonl = d.file("bad.jsonl", b"{\"text\": \"a\"}\n{\"text\": \"b\xfe\"}\n");
    for (path, want) in [
        (&txt, "line 2: not valid UTF-8 (byte 9 "),
        (&jsonl, "line 2: not valid UTF-8 (byte 25 "),
    ] {
        let err = read(std::slice::from_ref(path), ReadOptions::default())
            .expect_err("should fail")
            .to_string();
        assert!(err.contains(want), "{err}");
    }
    let options = ReadOptions {
        errors: Errors::Replace,
        ..ReadOptions::default()
    };
    let mut reader = Reader::new(
        inputs(&[txt.clone(), jsonl.clone()], None, None).expect("should succeed"),
        options,
    );
    let texts: Vec<String> = reader
        .by_ref()
        .map(|r| r.expect("should succeed").text)
        .collect();
    assert_eq!(texts, ["ok\nEgypt \u{fffd} backed", "a", "b\u{fffd}"]);
    assert_eq!(reader.replaced(), [display(&txt), display(&jsonl)]);
}

#[test]
fn csv_and_tsv_columns_quotes_crlf_and_empty_fields() {
    let d = Dir::new("csv");
    let csv_body =
        "\u{feff}id,text,date\r\n1,\"Zoë said \"\"hi\"\"\r\nin Tobruk\",2015-03-01\r\n2,,\r\n";
    let csv = d.gz("a.csv.gz", csv_body.as_bytes());
    let tsv = d.file("b.tsv", "body\twhen\nمرحبا 😀\t2016\n".as_bytes());
    let records = read(&[csv], ReadOptions::default()).expect("should succeed");
    assert_eq!(
        records,
        [
            rec("Zoë said \"hi\"\r\nin Tobruk", "1", Some("2015-03-01")),
            rec("", "2", None)
        ]
    );
    let options = ReadOptions {
        text: "body".into(),
        date: Field::Required("when".into()),
        ..ReadOptions::default()
    };
    let records = read(std::slice::from_ref(&tsv), options).expect("should succeed");
    assert_eq!(
        records,
        [rec(
            "مرحبا 😀",
            &format!("{}:2", display(&tsv)),
            Some("2016")
        )]
    );
}

#[test]
fn csv_errors_name_file_line_and_column() {
    let d = Dir::new("csverr");
    let missing = d.file("m.csv", b"id,body\n1,a\n");
    let err = read(&[missing], ReadOptions::default())
        .expect_err("should fail")
        .to_string();
    assert!(
        err.contains("m.csv, line 1: no column \"text\" in the header (columns: id, body)"),
        "{err}"
    );
    let ragged = d.file("r.csv", b"id,text\n1,a\n2,b,c\n");
    let err = read(&[ragged], ReadOptions::default())
        .expect_err("should fail")
        .to_string();
    assert!(
        err.contains("r.csv, line 3: this row has 3 fields, the header 2"),
        "{err}"
    );
    let bad = d.file("u.csv", b"id,text\n1,a\n2,b\xff\n");
    let err = read(&[bad], ReadOptions::default())
        .expect_err("should fail")
        .to_string();
    assert!(
        err.contains("u.csv, line 3: column 2: not valid UTF-8"),
        "{err}"
    );
    let empty = d.file("e.csv", b"");
    assert_eq!(
        read(&[empty], ReadOptions::default()).expect("should succeed"),
        []
    );
}

#[test]
fn missing_paths_and_corrupt_gzip() {
    let err =
        read(&[PathBuf::from("/no/such/place")], ReadOptions::default()).expect_err("should fail");
    assert!(
        matches!(
            err,
            Error::Io {
                kind: io::ErrorKind::NotFound,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "/no/such/place: no such file or folder");
    let d = Dir::new("gzbad");
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(&[b'x'; 10_000]).expect("should succeed");
    let bytes = gz.finish().expect("should succeed");
    let truncated = d.file("t.txt.gz", &bytes[..bytes.len() / 2]);
    let err = read(&[truncated], ReadOptions::default())
        .expect_err("should fail")
        .to_string();
    assert!(err.contains("cannot decompress"), "{err}");
}

#[test]
fn batches_stop_at_records_or_bytes_and_errors_end_the_stream() {
    let d = Dir::new("batch");
    let body: String = (0..10)
        .map(|i| format!("{{\"text\": \"{}\"}}\n", "x".repeat(i)))
        .collect();
    let path = d.file("a.jsonl", body.as_bytes());
    let mut reader = Reader::new(
        inputs(&[path], None, None).expect("should succeed"),
        ReadOptions::default(),
    );
    let mut out = Vec::new();
    assert_eq!(
        reader
            .read_batch(4, usize::MAX, &mut out)
            .expect("should succeed"),
        4
    );
    // 4 + 5 + 6 = 15 bytes reaches the limit of 12 at the third record.
    assert_eq!(
        reader
            .read_batch(100, 12, &mut out)
            .expect("should succeed"),
        3
    );
    assert_eq!(
        reader
            .read_batch(100, usize::MAX, &mut out)
            .expect("should succeed"),
        3
    );
    assert_eq!(
        reader
            .read_batch(100, usize::MAX, &mut out)
            .expect("should succeed"),
        0
    );
    assert_eq!(out.len(), 10);

    let bad = d.file("b.jsonl", b"{\"text\": \"a\"}\nnope\n{\"text\": \"c\"}\n");
    let mut reader = Reader::new(
        inputs(&[bad], None, None).expect("should succeed"),
        ReadOptions::default(),
    );
    assert!(reader.next().expect("should succeed").is_ok());
    assert!(reader.next().expect("should succeed").is_err());
    assert!(reader.next().is_none());
}

#[test]
fn reader_is_send() {
    fn send<T: Send>() {}
    send::<Reader>();
}
