//! `watch`: follow a script order until it ends, a progress line per batch, with the
//! core's builders and parsers for every call (api.md "The rollout after the post"); with
//! `--continue`, continue it where it pauses (asking first on a terminal). Bounded: it
//! gives up after `--timeout-s`, and off a terminal it never waits for an answer.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use coc_script_exec::{
    build_batch_request, build_batches_request, build_operation_request, build_order_request, limits, parse_batch,
    parse_batches, parse_operation, parse_order, Answer, BatchQuery, BatchSummary, ExecuteInstance, HttpRequest,
    InstanceStatus, Options, Order, OrderStatus, Outcome, RequestOptions, RequestResult, Revision,
};

use crate::output::{self, FileResult, Located, Style};
use crate::post::auth_from_env;

/// How long one call may take, connection included.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);
/// Polls after a CONTINUE_ORDER during which a PAUSED order at the same batch is taken
/// for the service not having caught up yet, not for a new pause.
const CONTINUE_GRACE_POLLS: u32 = 5;

/// What `watch` was asked.
pub(crate) struct Watch {
    pub(crate) execute_uuid: String,
    pub(crate) endpoint: String,
    pub(crate) continue_paused: bool,
    pub(crate) yes: bool,
    pub(crate) interval: Duration,
    pub(crate) timeout: Duration,
}

/// Why the watch stopped before the order ended: its exit code has been decided.
struct Stop(ExitCode);

/// The calls, as the core builds them, and what each answer was.
struct Client {
    agent: ureq::Agent,
    options: RequestOptions,
    style: Style,
}

impl Client {
    /// A request the core built, or its issues written and exit 1.
    fn built(&self, result: RequestResult) -> Result<HttpRequest, Stop> {
        result.request.ok_or_else(|| {
            let issues = result.issues.iter().map(Located::unplaced).collect();
            output::write_text_to_stderr(
                &[FileResult { name: "request".into(), valid: false, issues, error: None }],
                self.style,
            );
            Stop(ExitCode::from(1))
        })
    }

    /// The status and text of the answer, or exit 2 when the service was not reached.
    fn send(&self, request: &HttpRequest) -> Result<(u16, String), Stop> {
        let sent = match request.method.as_str() {
            "PUT" => {
                let mut call = self.agent.put(&request.url);
                for (k, v) in &request.headers {
                    call = call.header(k.as_str(), v.as_str());
                }
                call.send(request.body.as_bytes())
            }
            _ => {
                let mut call = self.agent.get(&request.url);
                for (k, v) in &request.headers {
                    call = call.header(k.as_str(), v.as_str());
                }
                call.call()
            }
        };
        match sent {
            Ok(mut response) => {
                let status = response.status().as_u16();
                Ok((status, response.body_mut().read_to_string().unwrap_or_default()))
            }
            Err(e) => {
                eprintln!("{}", self.style.error(&format!("could not reach {}: {e}", request.url)));
                Err(Stop(ExitCode::from(2)))
            }
        }
    }

    /// A refusal (or an answer that cannot be read) written, and exit 1.
    fn refused(&self, outcome: &Outcome) -> Stop {
        let line = match outcome {
            Outcome::Api { status, error_code, error_msg, request_id } => format!(
                "refused ({status}): {} {} (request {})",
                error_code.as_deref().unwrap_or("-"),
                error_msg.as_deref().unwrap_or(""),
                request_id.as_deref().unwrap_or("-")
            ),
            Outcome::Http { status, text, .. } => {
                format!("HTTP {status}: {}", text.chars().take(500).collect::<String>())
            }
            Outcome::Executed { execute_uuid, .. } => format!("unexpected answer: {execute_uuid}"),
        };
        eprintln!("{}", self.style.error(&line));
        Stop(ExitCode::from(1))
    }

    fn read<T>(&self, answer: Answer<T>) -> Result<T, Stop> {
        match answer {
            Answer::Read(data) => Ok(data),
            Answer::Failed(outcome) => Err(self.refused(&outcome)),
        }
    }

    fn order(&self, uuid: &str) -> Result<Order, Stop> {
        let request = self.built(build_order_request(uuid, &self.options))?;
        let (status, text) = self.send(&request)?;
        self.read(parse_order(status, &text))
    }

    fn batches(&self, uuid: &str) -> Result<Vec<BatchSummary>, Stop> {
        let request = self.built(build_batches_request(uuid, &self.options))?;
        let (status, text) = self.send(&request)?;
        let mut batches = self.read(parse_batches(status, &text))?;
        batches.sort_by_key(|b| b.batch_index);
        Ok(batches)
    }

    /// Every host of a batch, page after page (each page after the last host's id).
    fn hosts(&self, uuid: &str, batch_index: u64) -> Result<Vec<ExecuteInstance>, Stop> {
        let max = limits(Revision::Page).max_hosts;
        let limit = max as u64;
        let mut hosts: Vec<ExecuteInstance> = Vec::new();
        loop {
            let query = BatchQuery { status: None, limit: Some(limit), marker: hosts.last().and_then(|h| h.id) };
            let request = self.built(build_batch_request(uuid, batch_index, &query, &self.options))?;
            let (status, text) = self.send(&request)?;
            let page = self.read(parse_batch(status, &text))?;
            let (count, total) = (page.execute_instances.len(), page.total_instances);
            let last_id = page.execute_instances.last().and_then(|h| h.id);
            hosts.extend(page.execute_instances);
            let more = (count as u64) == limit
                && last_id.is_some()
                && !total.is_some_and(|t| hosts.len() as u64 >= t)
                && hosts.len() < max;
            if !more {
                return Ok(hosts);
            }
        }
    }

    fn continue_order(&self, uuid: &str) -> Result<(), Stop> {
        let operation = coc_script_exec::Operation::new("CONTINUE_ORDER");
        let request = self.built(build_operation_request(uuid, &operation, &self.options))?;
        let (status, text) = self.send(&request)?;
        match parse_operation(status, &text) {
            Outcome::Executed { .. } => Ok(()),
            other => Err(self.refused(&other)),
        }
    }
}

/// Where a batch stands, from its hosts.
#[derive(Default, PartialEq, Eq, Clone, Copy)]
struct Tally {
    total: usize,
    finished: usize,
    abnormal: usize,
    canceled: usize,
    running: usize,
}

impl Tally {
    fn of(hosts: &[ExecuteInstance], total: Option<u64>) -> Tally {
        let count = |s: InstanceStatus| hosts.iter().filter(|h| h.status == s).count();
        Tally {
            total: total.map_or(hosts.len(), |t| t as usize).max(hosts.len()),
            finished: count(InstanceStatus::Finished),
            abnormal: count(InstanceStatus::Abnormal),
            canceled: count(InstanceStatus::Canceled),
            running: count(InstanceStatus::Processing),
        }
    }

    fn ended(&self) -> usize {
        self.finished + self.abnormal + self.canceled
    }

    fn done(&self) -> bool {
        self.ended() >= self.total
    }
}

/// The progress lines on stdout: one per change off a terminal; on a terminal the line of
/// the batch that is running is redrawn in place.
struct Screen {
    style: Style,
    tty: bool,
    /// The batch whose line is open (written without its newline), on a terminal.
    open: Option<u64>,
    /// The last line written for each batch.
    shown: BTreeMap<u64, String>,
}

impl Screen {
    fn batch(&mut self, index: u64, count: usize, rotation: Option<&str>, t: Tally) {
        let width = 20;
        let filled = (t.ended() * width).checked_div(t.total).unwrap_or(width).min(width);
        let bar = format!("{}{}", "#".repeat(filled), "-".repeat(width - filled));
        let mut parts = vec![format!("{} finished", t.finished)];
        if t.abnormal > 0 {
            parts.push(format!("{} abnormal", t.abnormal));
        }
        if t.canceled > 0 {
            parts.push(format!("{} canceled", t.canceled));
        }
        if t.running > 0 {
            parts.push(format!("{} running", t.running));
        }
        let pause = if rotation == Some("PAUSE") { " (pause after)" } else { "" };
        let plain =
            format!("batch {index}/{count}{pause} [{bar}] {}/{} hosts ended: {}", t.ended(), t.total, parts.join(", "));
        if self.shown.get(&index) == Some(&plain) {
            return;
        }
        self.shown.insert(index, plain.clone());
        let line = if t.abnormal > 0 {
            self.style.error(&plain)
        } else if t.done() {
            self.style.good(&plain)
        } else {
            plain
        };
        let mut out = std::io::stdout().lock();
        let _ = if self.tty {
            let redraw = if self.open == Some(index) { "\r\x1b[2K" } else { self.close_text() };
            self.open = (!t.done()).then_some(index);
            let end = if t.done() { "\n" } else { "" };
            write!(out, "{redraw}{line}{end}")
        } else {
            writeln!(out, "{line}")
        };
        let _ = out.flush();
    }

    /// A line of its own (the order's status), after any open line.
    fn note(&mut self, line: &str) {
        let close = self.close_text();
        self.open = None;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{close}{line}").and_then(|()| out.flush());
    }

    /// The newline that ends an open line, before anything else is written.
    fn close_text(&self) -> &'static str {
        if self.open.is_some() {
            "\n"
        } else {
            ""
        }
    }

    fn close(&mut self) {
        if self.open.take().is_some() {
            println!();
        }
    }
}

pub(crate) fn watch(args: &Watch, options: Options, style: Style) -> ExitCode {
    let Some((credentials, token)) = auth_from_env(style) else {
        return ExitCode::from(2);
    };
    let client = Client {
        agent: ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(CALL_TIMEOUT))
            .build()
            .into(),
        options: RequestOptions {
            endpoint: Some(args.endpoint.clone()),
            token,
            credentials,
            locale: options.locale,
            revision: options.revision,
            ..Default::default()
        },
        style,
    };
    let mut screen =
        Screen { style: style.for_stdout(), tty: std::io::stdout().is_terminal(), open: None, shown: BTreeMap::new() };
    let code = match follow(&client, args, &mut screen) {
        Ok(code) | Err(Stop(code)) => code,
    };
    screen.close();
    code
}

/// Polls until the order ends (or must not be waited for any longer).
fn follow(client: &Client, args: &Watch, screen: &mut Screen) -> Result<ExitCode, Stop> {
    let uuid = args.execute_uuid.as_str();
    let style = client.style;
    let started = Instant::now();
    let mut order = client.order(uuid)?;
    let batches = client.batches(uuid)?;
    // The last tally of each batch; an ended batch is not asked again.
    let mut tallies: BTreeMap<u64, Tally> = BTreeMap::new();
    let mut last_status: Option<OrderStatus> = None;
    // The batch a CONTINUE_ORDER was sent at, and polls since.
    let mut continued: Option<(Option<u64>, u32)> = None;
    loop {
        let current = order.properties.as_ref().and_then(|p| p.current_execute_batch_index);
        let ended = order.status.ended();
        // A change of status: before the batches while it runs, after them once it ended.
        let status_line = (last_status.as_ref() != Some(&order.status)).then(|| {
            let at = match current {
                Some(c) if !ended => format!(" at batch {c}"),
                _ => String::new(),
            };
            let line = format!("order {uuid}: {}{at}", order.status.as_str());
            match &order.status {
                OrderStatus::Finished => style.for_stdout().good(&line),
                s if s.ended() => style.for_stdout().error(&line),
                _ => line,
            }
        });
        last_status = Some(order.status.clone());
        if !ended {
            status_line.iter().for_each(|l| screen.note(l));
        }
        for b in &batches {
            let due = ended || current.is_some_and(|c| b.batch_index <= c);
            if !due || tallies.get(&b.batch_index).is_some_and(Tally::done) {
                continue;
            }
            let hosts = client.hosts(uuid, b.batch_index)?;
            let tally = Tally::of(&hosts, b.total_instances);
            tallies.insert(b.batch_index, tally);
            screen.batch(b.batch_index, batches.len(), b.rotation_strategy.as_deref(), tally);
        }
        if ended {
            status_line.iter().for_each(|l| screen.note(l));
            return Ok(if order.status == OrderStatus::Finished { ExitCode::SUCCESS } else { ExitCode::from(1) });
        }
        if order.status == OrderStatus::Paused {
            let waiting = continued.is_some_and(|(at, polls)| at == current && polls < CONTINUE_GRACE_POLLS);
            if !waiting {
                let at = current.map_or(String::new(), |c| format!(" after batch {c}"));
                if !args.continue_paused {
                    screen.note(&format!("the order is paused{at}: continue it with `watch --continue`"));
                    return Ok(ExitCode::from(1));
                }
                if !ask(args.yes, screen, &at)? {
                    return Ok(ExitCode::from(1));
                }
                client.continue_order(uuid)?;
                screen.note("continued (CONTINUE_ORDER)");
                continued = Some((current, 0));
            }
        }
        if let Some((_, polls)) = continued.as_mut() {
            *polls += 1;
        }
        if started.elapsed() >= args.timeout {
            screen.note(&style.for_stdout().error(&format!(
                "gave up after {} s: the order is still {}",
                args.timeout.as_secs(),
                order.status.as_str()
            )));
            return Ok(ExitCode::from(1));
        }
        std::thread::sleep(args.interval.min(args.timeout.saturating_sub(started.elapsed())));
        order = client.order(uuid)?;
    }
}

/// Whether to continue a paused order: `--yes`, else the answer on a terminal; off a
/// terminal without `--yes`, never (a pipeline must not hang on a question).
fn ask(yes: bool, screen: &mut Screen, at: &str) -> Result<bool, Stop> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        screen.note(&format!("the order is paused{at}; not continued: stdin is not a terminal (add --yes)"));
        return Ok(false);
    }
    screen.close();
    eprint!("Continue the order? [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    if std::io::stdin().read_line(&mut answer).is_err() {
        return Err(Stop(ExitCode::from(2)));
    }
    let yes = matches!(answer.trim().to_lowercase().as_str(), "y" | "yes");
    if !yes {
        screen.note(&format!("the order is paused{at}; not continued"));
    }
    Ok(yes)
}
