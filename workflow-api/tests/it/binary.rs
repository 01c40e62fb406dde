//! The real binary's command line, and its refusal of a mistyped settings file key before it
//! connects to anything.

#[test]
fn the_binary_answers_its_command_line_and_refuses_a_mistyped_file_key_before_connecting() {
    tts_shared::testing::check_command_line(
        env!("CARGO_BIN_EXE_workflow-api"),
        "workflow-api",
        env!("CARGO_PKG_VERSION"),
        "TTS_SLA_WARNING_THRESHOLDS",
    );
}
