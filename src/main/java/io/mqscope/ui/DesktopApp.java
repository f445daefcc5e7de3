package io.mqscope.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The desktop window. Placeholder until the UI issue lands. */
public final class DesktopApp extends Application {

    public static void launchDesktop(String[] args) {
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("MQScope");
        stage.setScene(new Scene(new StackPane(new Label("MQScope")), 1000, 700));
        stage.show();
        if (getParameters().getRaw().contains("--smoke-test")) {
            Platform.runLater(Platform::exit);
        }
    }
}
