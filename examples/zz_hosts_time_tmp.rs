fn main() {
    let text = "a\n".repeat(524000);
    let t = std::time::Instant::now();
    let r = coc_script_exec::read_hosts(&text, &Default::default());
    let read = t.elapsed();
    let json = serde_json::to_string(&r).unwrap();
    println!("{} hosts read in {:?}, serialized {} bytes in {:?}", r.hosts.len(), read, json.len(), t.elapsed() - read);
}
